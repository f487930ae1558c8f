// Shell: placeholder until the module lands.
