"""Results: the protocols observers copied at the count set against what the commission published, station by
station; the official results and turnout; the pages and the figures report blocks print."""
