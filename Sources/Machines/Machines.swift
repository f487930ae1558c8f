// Machines: placeholder until the module lands.
