"""The Qt window: widgets, item models, charts, dialogs, background tasks."""
