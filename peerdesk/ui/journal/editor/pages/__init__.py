"""The editor's seven sections, one class each, in the order the section list shows them."""
