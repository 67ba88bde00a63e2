"""``File ▸ Import…``: the Import dialog (choose, map a CSV, preview, import, summary)."""
