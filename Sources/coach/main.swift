Coach.entry()
