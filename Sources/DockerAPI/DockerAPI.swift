// DockerAPI: placeholder until the module lands.
