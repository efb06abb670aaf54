namespace kangfu::codec {}
