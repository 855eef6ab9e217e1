"""The hub contract: entities, SOAP codec, client and the reference hub."""
