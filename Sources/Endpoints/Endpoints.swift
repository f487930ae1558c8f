// Endpoints: placeholder until the module lands.
