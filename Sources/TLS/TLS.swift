// TLS: placeholder until the module lands.
