"""Report documents (needs assessment, interim, statement, final): sections in Markdown with data blocks, texts
in three languages, defaults, recommendations, compilation in the background; `render/` makes the PDF, charts
and maps."""
