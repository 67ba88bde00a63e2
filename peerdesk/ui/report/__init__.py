"""The PDF report: the dialog, what goes in, profiles, preview, receipt and PDF options."""
