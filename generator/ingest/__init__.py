"""File → Article: discovery, decoding, metadata, format furniture, paragraphs."""
