"""Media monitoring results: coverage per subject and outlet, with tone, the pages and the report blocks' figures."""
