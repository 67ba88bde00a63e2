"""The coping-strategy library: the screen, its model and delegate, detail and dialogs."""
