"""State changes of the mission app, by topic: stations (imports), administration (commissions and members),
interlocutors (organisations, people, meetings); records holds how each of them is checked and saved."""
