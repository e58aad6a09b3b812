"""Rejništvo: foster-care payments, R-4 and R-5 cases, official forms."""

__version__ = "0.1.0"
