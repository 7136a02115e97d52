"""Applications for start-up support: schemes, the application in steps, drafts, uploads."""
