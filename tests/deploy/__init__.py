"""Static checks of the deployment files: no Docker engine runs here."""
