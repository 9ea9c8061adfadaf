"""A speech in memory: blocks, the markup that describes them, and reading any speech file into them."""
