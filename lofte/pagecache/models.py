"""No models: present so that `migrate` sends this app its pre- and post-migrate signals."""
