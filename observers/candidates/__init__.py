"""Pages of candidate registration: the figures, and the candidates behind each of them."""
