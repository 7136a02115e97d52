"""Entrepreneur courses: Course and its CourseSessions, on portal's shared seat mechanism."""
