// Transport: placeholder until the module lands.
