"""Security plumbing shared by every audience: headers, crypto, logging hygiene."""
