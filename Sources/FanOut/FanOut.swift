// FanOut: placeholder until the module lands.
