import CoachCore
