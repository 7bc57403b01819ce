"""Official results: who is on each station's ballot, the protocol's lines, and the commission's published
figures imported from its files (each import kept whole, so that imports can be compared)."""
