"""Reading documents: the Document, sniffing and dispatch to loaders, and plan assembly."""
