// The start-up floor for `coach --version` and `coach list`: a Swift program that prints one line and exits.
// Built in the same `swift build -c release` as coach, so it pays the same process start and runtime loading.
print("hello")
