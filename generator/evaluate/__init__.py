"""Scoring against gold annotations: quotes and topics, the metadata and text fields, entities and figures."""
