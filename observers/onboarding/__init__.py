"""How observers get in: one-time login links printed on cards, and the phones' API tokens."""
