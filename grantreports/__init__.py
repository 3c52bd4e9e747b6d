"""grantreports: spreadsheets of project activities to funder-formatted Word and PDF reports."""

__version__ = "0.1.0"
