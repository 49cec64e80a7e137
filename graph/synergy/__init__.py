"""Synergy: ranked partner suggestions with readable parts and evidence, and their evaluation."""
