"""The audit log: who changed what and when, with the before and after of every change, and undo."""
