"""What observers write in the free-text answers of synthetic forms (English, as teams report)."""

# A remark per problem (question code of the answer that reports it).
REMARKS = {
    "materials_complete": "Some materials arrived only after the opening had started.",
    "boxes_shown_empty": "The chairperson did not show the ballot boxes to those present before sealing them.",
    "boxes_sealed": "One ballot box was not sealed; the commission sealed it only after we asked.",
    "seal_numbers_recorded": "Seal numbers were not written down anywhere.",
    "figures_announced": "The number of ballots received was not announced.",
    "opened_on_time": "The station opened late because the commission was still setting up the booths.",
    "unauthorised_present": "Local officials stayed in the station during our whole visit.",
    "observers_restricted": "Observers were kept behind a rope several metres from the tables.",
    "identity_checked": "Several voters received ballots without showing any document.",
    "voters_signed_list": "Commission members signed the list on behalf of some voters.",
    "identical_signatures": "Long series of identical signatures on several pages of the voter list.",
    "secrecy_ensured": "Booths were placed so that the marking of ballots could be seen.",
    "group_voting": "Family voting seen several times, mostly husbands with their wives.",
    "proxy_voting": "One man voted for three members of his family with their passports.",
    "multiple_voting": "We saw the same person receive ballots twice.",
    "ballot_stuffing": "Ballots in the box were folded together in bundles.",
    "evoting_working": "The Sailau terminals stopped for about an hour; voters were sent away.",
    "campaign_material": "Posters of one party were on the wall of the station.",
    "intimidation": "A school director told teachers in the queue to vote and report back.",
    "overcrowding": "The station was crowded and voters waited more than half an hour.",
    "unauthorised_directing": "The deputy akim gave instructions to the commission.",
    "unused_ballots_cancelled": "Unused ballots were not cancelled before the boxes were opened.",
    "signatures_counted": "Signatures on the voter list were not counted.",
    "validity_consistent": "Similar ballots were declared valid in one pile and invalid in another.",
    "figures_reconciled": "Figures did not reconcile; the protocol was adjusted to match.",
    "protocol_in_ink": "The protocol was completed in pencil.",
    "protocol_presigned": "Members had signed the protocol before the count began.",
    "protocol_posted": "The protocol was not posted for the public.",
    "protocol_copy_given": "We were refused a copy of the protocol.",
    "conditions_adequate": "The room was too small for the commissions queuing with their protocols.",
    "observers_could_see": "Observers could not see the data entry screens.",
    "protocols_changed": "Figures in two precinct protocols were corrected at the district commission.",
    "data_entry_transparent": "Results were entered in a closed room.",
}

INCIDENTS = {
    "intimidation": "Teachers were told they would lose their jobs if their school's turnout was low.",
    "violence": "A scuffle between supporters of two candidates outside the polling station.",
    "ballot_stuffing": "A commission member was seen putting a bundle of ballots into the box.",
    "multiple_voting": "Students were brought by bus to vote in several stations.",
    "vote_buying": "Voters were offered food parcels at the entrance of the station.",
    "observers_obstructed": "The chairperson asked our team to leave before the count.",
    "campaign": "Campaign leaflets were handed out on the eve of election day.",
    "administrative_resources": "Public employees were made to attend a rally during working hours.",
    "evoting": "The electronic voting terminals failed and paper ballots were not available at once.",
    "other": "The voter list had been replaced overnight by a new print-out.",
}

WEEKLY_SUMMARIES = (
    "Preparations are on schedule; commissions are open and cooperative.",
    "Campaign still low-key. Opposition candidates say meeting halls are hard to rent.",
    "Commissions well organised, but some members are unsure of the procedures for e-voting.",
    "Growing pressure on public employees to attend pro-presidential events.",
    "Voter lists were displayed late in several villages; corrections are being made.",
)

COMPLAINTS = (
    "Complaints about the refusal to register a candidate; the district commission upheld the refusal.",
    "A party complained that its posters were removed; the akimat promised to investigate.",
    "Complaints about errors in the voter lists; most were corrected.",
)

EXPECTED_PROBLEMS = (
    "Possible pressure on students and public employees to vote.",
    "Voters not on the lists in new housing areas.",
    "Confusion over the electronic voting where it is used for the first time.",
)

WHO = (
    "Members of the precinct commission.",
    "A local official and two police officers.",
    "Supporters of a party.",
    "Unknown persons.",
)
