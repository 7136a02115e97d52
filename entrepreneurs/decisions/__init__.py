"""Assessment, the written decision and its letter, and the money: pools and payments."""
