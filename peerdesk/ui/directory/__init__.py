"""The support directory: the resources screen, the resource editor and the support panel."""
