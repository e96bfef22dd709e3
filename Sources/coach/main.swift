import CoachCore
print(CoachVersion.current)
