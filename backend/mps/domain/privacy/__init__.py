"""Personal data: export everything, delete everything."""
