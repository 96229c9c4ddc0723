// The exporter package's public surface.
export {};
