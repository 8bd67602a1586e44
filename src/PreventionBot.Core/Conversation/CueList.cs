using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Conversation;

/// <summary>
/// A phrase list of <c>dialogs/understanding/cues.yaml</c>, named for what it tells about a message. Its key in the file is
/// its name in snake case (<see cref="UrgeToLook"/> is <c>urge_to_look</c>): a new list is a key in the file and a member
/// here, read with <see cref="ConversationCues.Says"/>, or by a method of <see cref="ConversationCues"/> where a list is
/// read together with another (a denial, a hedge).
/// </summary>
internal enum CueList
{
    /// <summary>The message says the writer is an adult ("im 40", "im a teacher"): read by <see cref="ConversationCues.SaysAdult(NormalisedText)"/>.</summary>
    AdultStatements,

    /// <summary>A seeker's request is a fake nude of a real person he knows ("make someone look naked", "a girl in my class").</summary>
    FakeOfSomeoneKnown,

    /// <summary>A relative of a man arrested or suspected asks whether he harmed their own children ("how would i even know").</summary>
    SignsInMyChildren,

    /// <summary>A seeker asks what a fake of a real person would do to her ("would it even really hurt her").</summary>
    FakeHarmQuestion,

    /// <summary>After the reply on a fake of a real person, a question on what was already made ("if i just delete it").</summary>
    FakeFollowUp,

    /// <summary>A parent asks whether a child who was harmed or shamed should go back to school ("let her stay off tomorrow?").</summary>
    BackToSchool,

    /// <summary>A child who told of abuse at home is due to go back there ("can I keep him here with me?").</summary>
    GoingBackToThem,

    /// <summary>Someone worried about another adult asks for a counsellor for themselves ("who can i actually talk to, like a
    /// counsellor").</summary>
    CounsellorForMe,

    /// <summary>A young person asked to meet someone from online ("he wants to meet up ... should i go").</summary>
    MeetingThem,

    /// <summary>Someone who came across abuse material asks whether the prevention line is for them.</summary>
    LineForMe,

    /// <summary>A survivor asks whether to ring the police now or later ("tonight or wait till im sober").</summary>
    ReportingWhen,

    /// <summary>A young person blackmailed for pictures asks whether to send one more so it stops ("what if i just send him one
    /// more and then hes done?? he said thats the last one he promised", cues.yaml <c>sending_one_more</c>).</summary>
    SendingOneMore,

    /// <summary>A survivor asks whether they can still report abuse from long ago ("can i still go to the police here after all
    /// this time", cues.yaml <c>reporting_late</c>).</summary>
    ReportingLate,

    /// <summary>A professional a child has told asks whether it can wait until tomorrow ("too late if I just wait").</summary>
    WaitingTillTomorrow,

    /// <summary>A man asks whether the survivors' services are for him ("is there owt for blokes").</summary>
    ForMen,

    /// <summary>Someone blames themselves for a child's harm ("i feel like i let them down").</summary>
    BlamesThemselves,

    /// <summary>A relative of someone arrested asks whether their own children are in the images.</summary>
    ChildrenInImages,

    /// <summary>Someone worried about their own thoughts names their own child ("is my son safe with me").</summary>
    OwnChild,

    /// <summary>Someone with the thoughts says they will call or chat later ("might try the chat thing tomorrow").</summary>
    WillCallLater,

    /// <summary>What rules out the reply backing a plan to call later: a question on the line's hours.</summary>
    WillCallLaterUnless,

    /// <summary>A teacher asks whether to tell the pupil anything before they go home.</summary>
    TellingTheChildAnything,

    /// <summary>What rules out the reply on supporting a pupil before they go home: pictures, or the person there now.</summary>
    TellingTheChildUnless,

    /// <summary>A parent whose child told of abuse asks whether the child needs a doctor.</summary>
    NeedsADoctor,

    /// <summary>Someone who came across abuse material through work asks whether to tell HR or a manager.</summary>
    TellingWork,

    /// <summary>A victim's step-parent or carer asks whether to tell the child's other parent first.</summary>
    TellingTheirOtherParent,

    /// <summary>What rules out the reply on a deadline: paying or sending more, or not being able to call anyone.</summary>
    DeadlineUnless,

    /// <summary>Said beside a question in one's own crisis ("what if it gets bad on the weekend", "wont be here by then"): the
    /// crisis itself, not the question.</summary>
    RiskInTheQuestion,

    /// <summary>What rules out the reply on changes in a child after an upset: what a child said or what was seen, or risk now.</summary>
    SignsUnless,

    /// <summary>What rules out the reply on whether the prevention line is for a finder: thoughts, urges or going back.</summary>
    LineForMeUnless,

    /// <summary>What rules out the reply on browser history: going back to it, or knowing the child.</summary>
    HistoryUnless,

    /// <summary>What rules out the reply on meeting someone from online: he is there now, or someone else is going.</summary>
    MeetingUnless,

    /// <summary>What rules out the reply on a fake of a real person: a child in danger reported, or a seeker backing off.</summary>
    FakeUnless,

    /// <summary>What rules out the reply on going back to school: the person is at the school, or harm at home.</summary>
    BackToSchoolUnless,

    /// <summary>What rules out the reply on a child due back home: the police coming for the person, or a hospital.</summary>
    GoingBackUnless,

    /// <summary>What rules out a counsellor for someone worried about another adult: the help is for the children.</summary>
    CounsellorUnless,

    /// <summary>A deadline in a threat to share a young person's picture ("30 min left or she sends it to everyone").</summary>
    ThreatDeadline,

    /// <summary>Someone who came across abuse material asks about their browser history: read only for a finder.</summary>
    AsksAboutHistory,

    /// <summary>A young person's friend told them of abuse ("my best friend told me", "its not happening to me its my friend").</summary>
    FriendToldMe,

    /// <summary>What rules out the reply on a friend's disclosure: the writer's own abuse, grooming, blackmail or thoughts.</summary>
    FriendUnless,

    /// <summary>The writer's own adult age, said after being taken for a teenager ("im not a kid lol im 27").</summary>
    OwnAdultAge,

    /// <summary>What rules out <see cref="OwnAdultAge"/>: someone else taking over ("this is his mom"), or a joke ("in like 4 years").</summary>
    OwnAdultAgeUnless,

    /// <summary>The person asks whether this chat is kept ("this doesnt get saved anywhere yeah?"): what the service keeps.</summary>
    AsksIfChatSaved,

    /// <summary>The person asks whether a person or a program is answering ("am i talking to a bot"): what the service is.</summary>
    AsksIfABot,

    /// <summary>Emergency help has been called and is coming: read by <see cref="ConversationCues.SaysHelpComing"/>.</summary>
    HelpComing,

    /// <summary>The message says, anywhere, that help has not been called yet ("no i havent called anyone yet"):
    /// after help was taken to be on its way, the call is still to make.</summary>
    NotYetCalled,

    /// <summary>Help is there now ("police here now"): read by <see cref="ConversationCues.SaysHelpHere"/>.</summary>
    HelpHere,

    /// <summary>Help has been and gone: read by <see cref="ConversationCues.SaysHelpHere"/>.</summary>
    HelpGone,

    /// <summary>The person will not act on a crisis now ("i'm not going to do anything tonight"): read by <see cref="ConversationCues.SaysNotActingNow"/>.</summary>
    NotActingNow,

    /// <summary>A hedge on being safe or not acting ("anything tonight i dont think"): read by <see cref="ConversationCues.SaysSafe(NormalisedText, SpeakerRole)"/> and <see cref="ConversationCues.SaysNotActingNow"/>.</summary>
    NotActingHedges,

    /// <summary>The man a screen witness saw has left the bus or train: read by <see cref="ConversationCues.SaysSafe(NormalisedText, SpeakerRole)"/>.</summary>
    ScreenPersonGone,

    /// <summary>No child is there ("theres no kid here"): safety for anyone but a screen witness; read by <see cref="ConversationCues.SaysSafe(NormalisedText, SpeakerRole)"/>.</summary>
    NoChildHere,

    /// <summary>The message asks whether a sexual image of a child that is going round can be taken down, or where
    /// to report one sent to them (cues.yaml <c>asks_removal</c>): read for a refused seeker, who gets where to report it,
    /// not the refusal again.</summary>
    AsksRemoval,

    /// <summary>The person says, anywhere in the message, that they are shaking or in shock ("i cant stop
    /// shaking"): after an emergency, what they need next is about themselves.</summary>
    Shaken,

    /// <summary>The message says the person at risk is someone else, not the writer ("no not me, HIM. my husband",
    /// cues.yaml `someone_else`): a crisis taken for the writer's is someone else's.</summary>
    SomeoneElse,

    /// <summary>The person goes back over what happened, anywhere in the message ("i cant stop replaying it",
    /// "should i have done something sooner"): after an emergency, guilt and going over it are met before anything else.</summary>
    LookingBack,

    /// <summary>The message says nothing was done or reported ("i didnt do anything", cues.yaml
    /// <c>nothing_done</c>): going over it is then not thanked as acting.</summary>
    NothingDone,

    /// <summary>What a young person worried about their own thoughts speaks of: read by <see cref="ConversationCues.MayBeOwnThoughts"/>.</summary>
    OwnThoughts,

    /// <summary>The person says, anywhere in the message, that they have already taken something or hurt
    /// themselves ("i took a bunch of my mums pills like an hour ago"): in a crisis, medical help comes first.</summary>
    HarmDone,

    /// <summary>Asks for someone to talk to or for help to stop: read by <see cref="ConversationCues.SaysTurningToHelp"/>.</summary>
    TurningToHelp,

    /// <summary>Says the person has images, or asks whether to delete them or turn themselves in: read by <see cref="ConversationCues.SaysOwningUp"/>.</summary>
    OwningUp,

    /// <summary>The message asks, anywhere, for more images, a site, a link or a trade (`still_seeking`).</summary>
    StillSeeking,

    /// <summary>The message gives, anywhere, a reason meant to make a request acceptable ("for my criminology
    /// module", "for a novel", "im a journalist"; cues.yaml `pretexts`): a seeker's cover, answered by the refusal that
    /// says no reason changes the answer.</summary>
    Pretexts,

    /// <summary>Fears arrest for what the person has already seen: read by <see cref="ConversationCues.SaysArrestFear"/>.</summary>
    ArrestFear,

    /// <summary>Someone refused says they are no longer looking: read by <see cref="ConversationCues.SaysStoppedSeeking"/>.</summary>
    StoppedSeeking,

    /// <summary>The message says the writer will be left later with someone at home ("mum is on night shift tonight
    /// and its just gonna be me and him", cues.yaml `alone_with_them`).</summary>
    AloneWithThem,

    /// <summary>The message wants to put what a child told to the person they named, or doubts the child ("should
    /// i ask him if its true? maybe she misunderstood", cues.yaml `confronting_them`).</summary>
    ConfrontingThem,

    /// <summary>The message says the writer wants to look again at what they saw, or asks how to stop ("sometimes i
    /// kinda want to look again", "how do i not go back tomorow", cues.yaml `urge_to_look`).</summary>
    UrgeToLook,

    /// <summary>The message asks whether what the writer looked at can be seen or traced ("can they track my phone??
    /// like can police see what i clicked", cues.yaml `asks_traced`).</summary>
    AsksTraced,

    /// <summary>The message says the writer cannot stop thinking about something, or asks how to ("ngl i still keep
    /// thinking about it and i hate it. how do i make it stop", cues.yaml `stop_thinking`).</summary>
    StopThinking,

    /// <summary>The message asks what happens to the children who made or shared an image ("The lads who did it are
    /// only 16 themselves, would they be in trouble with the guards?", cues.yaml `about_the_harmers`).</summary>
    AboutTheHarmers,

    /// <summary>The message asks whether to warn the parents or people around someone ("should i warn the club or
    /// the parents myself?", cues.yaml `warning_others`).</summary>
    WarningOthers,

    /// <summary>The message speaks of a child's parent as someone else ("Should I tell her mother even though Aoife
    /// begged me not to?", cues.yaml `childs_parent`).</summary>
    ChildsParent,

    /// <summary>The writer will be, or may be, alone with a child: read by <see cref="ConversationCues.SaysAloneWithAChild"/>.</summary>
    AloneWithAChild,

    /// <summary>Something that already happened ("i was alone with my niece last night"): read by <see cref="ConversationCues.SaysAloneWithAChild"/>.</summary>
    AlreadyHappened,

    /// <summary>The message says the writer is a relative or friend of the child, not the parent ("I'm only the aunt,
    /// I'm not her parent", cues.yaml `relative_of_child`).</summary>
    RelativeOfChild,

    /// <summary>Beside <see cref="HarmedAChild"/> from someone under 18, the child they harmed is younger or was in their care
    /// ("babysitting my little cousin"): without it, a groomed child blaming themselves ("my coach and i have a secret. i
    /// touched him") is never taken for one who harmed.</summary>
    YoungerChild,

    /// <summary>A parent wants to find the person who groomed or harmed their child ("my husband wants to track him down"):
    /// read for a parent of a child harmed, who is asked to leave it to the police.</summary>
    IdentifyingThem,

    /// <summary>A parent asks whether their child is in trouble for pictures they were groomed or blackmailed into sending
    /// ("will they go after HER for the 2 pics?"): read for a parent of a child harmed.</summary>
    ChildInTrouble,

    /// <summary>Someone close to a person who was arrested asks whether to stay with them ("do i stay with him or divorce
    /// him"): read for someone worried about another adult.</summary>
    StayOrLeave,

    /// <summary>The message asks whether what the writer did or feels makes them a paedophile ("am i a paedo??"): read for
    /// one who harmed a child, whose answer is not the one on thoughts not chosen.</summary>
    AsksIfPaedophile,

    /// <summary>The message asks how to make sure it never happens again ("like actual things i can do"): read for one who
    /// harmed a child, the plan for the days ahead.</summary>
    NeverAgain,

    /// <summary>One who harmed a child asks about the child ("she seems fine ... does she even remember").</summary>
    AboutTheChild,

    /// <summary>One who harmed a child asks about telling their partner or the child's parent ("how do i even tell my
    /// wife").</summary>
    TellingPartner,

    /// <summary>The writer says in the first person that they sexually harmed a child: read by <see cref="ConversationCues.SaysHarmedAChild"/>.</summary>
    HarmedAChild,

    /// <summary>An accusation or a denial of harm, not an admission: read by <see cref="ConversationCues.SaysHarmedAChild"/>.</summary>
    HarmDenied,

    /// <summary>The message excuses a request by saying no real child is involved ("loli stuff is legal in japan and
    /// no real kid is involved", cues.yaml `no_real_child`).</summary>
    NoRealChild,

    /// <summary>The message asks for a person to talk to ("Is there a real person I can speak to tonight about all
    /// this ... I cannot settle", cues.yaml `someone_to_talk_to`).</summary>
    SomeoneToTalkTo,

    /// <summary>The message says someone close wants to go after the person the child named ("my husband wants to go round
    /// to his house tonight and have it out with him", cues.yaml <c>someone_else_confronting</c>).</summary>
    SomeoneElseConfronting,

    /// <summary>One child of the writer's household touched by another, or both living with them ("my foster son ... under the
    /// covers with my foster daughter", cues.yaml <c>children_at_home</c>).</summary>
    ChildrenAtHome,

    /// <summary>A young person asked for pictures says nothing was sent ("i didnt send anything yet", cues.yaml
    /// <c>nothing_sent_yet</c>).</summary>
    NothingSentYet,

    /// <summary>What makes <see cref="NothingSentYet"/> a threat all the same (a fake, money).</summary>
    NothingSentUnless,

    /// <summary>Staff say a child told them, or showed them, of abuse by someone ("one of my girls (8) drew a picture today and
    /// said mammy's boyfriend does this at night", cues.yaml <c>pupil_told_of_abuse</c>).</summary>
    PupilToldOfAbuse,

    /// <summary>What makes <see cref="PupilToldOfAbuse"/> about something online or made (a chat, a fake).</summary>
    PupilToldUnless,

    /// <summary>A young person asks whether the one asking is really the age they say ("do u think hes actually 15?", cues.yaml
    /// <c>their_real_age</c>).</summary>
    TheirRealAge,

    /// <summary>A young person asked for a picture says the one asking is not an adult ("hes not an adult tho hes 15", cues.yaml
    /// <c>asker_is_a_minor</c>).</summary>
    AskerIsAMinor,

    /// <summary>A young person worried about their own thoughts asks how to be around younger relatives who are coming to stay
    /// ("should i just stay in my room the whole time?", cues.yaml <c>around_younger_children</c>).</summary>
    AroundYoungerChildren,

    /// <summary>What makes <see cref="AroundYoungerChildren"/> a young person being hurt ("he comes in my room").</summary>
    AroundYoungerChildrenUnless,

    /// <summary>A young person says outright they worry about themselves around younger relatives ("im the one worried about ME
    /// around THEM", cues.yaml <c>around_younger_children_own</c>).</summary>
    AroundYoungerChildrenOwn,

    /// <summary>A victim's parent says the person the child named is in the house now ("hes in the lounge now and i am scared",
    /// cues.yaml <c>they_are_here_now</c>).</summary>
    TheyAreHereNow,

    /// <summary>What makes <see cref="TheyAreHereNow"/> no longer so ("hes gone", "police").</summary>
    TheyAreHereNowUnless,

    /// <summary>Someone worried about their own behaviour asks about the conditions a court or a supervisor set them ("my
    /// conditions say something about no contact with minors", cues.yaml <c>under_conditions</c>).</summary>
    UnderConditions,

    /// <summary>Someone answered about unwanted thoughts asks what they are or whether they get better ("is there like a name
    /// for this??", cues.yaml <c>what_these_thoughts_are</c>).</summary>
    WhatTheseThoughtsAre,

    /// <summary>Someone close to a person arrested asks whether they are in trouble too ("Am I in trouble myself? It is my house
    /// and my internet", cues.yaml <c>in_trouble_too</c>).</summary>
    InTroubleToo,

    /// <summary>What makes <see cref="InTroubleToo"/> a question about the writer's own contact with the images ("i opened some
    /// of the pictures"), which the law on coming across them answers.</summary>
    InTroubleTooUnless,

    /// <summary>The carer of both children asks whether the one who did it is a danger, or was abused ("Is he a danger? He's
    /// only 9", cues.yaml <c>child_who_did_it_a_danger</c>).</summary>
    ChildWhoDidItADanger,

    /// <summary>The message names the writer's own child, or a child shut in a room, as the one at risk ("hes locked himself in
    /// the bathroom", cues.yaml <c>own_child_at_risk</c>).</summary>
    OwnChildAtRisk,

    /// <summary>What makes <see cref="OwnChildAtRisk"/> someone else at risk ("he says he will kill himself if we call").</summary>
    OwnChildAtRiskUnless,

    /// <summary>Someone at risk has gone silent or will not answer ("hes not answering me through the door", cues.yaml
    /// <c>no_answer_from_them</c>).</summary>
    NoAnswerFromThem,

    /// <summary>What makes <see cref="NoAnswerFromThem"/> no silent person at risk ("shes asleep next to me", "the school isnt
    /// answering", "trying to break the door down to get to me").</summary>
    NoAnswerUnless,

    /// <summary>The door a silent person is behind ("should i break the door down??"): the one emergency reading that may still
    /// be their silence.</summary>
    NoAnswerDoor,

    /// <summary>The writer wants to hurt or go after the person who harmed their child themselves ("i want go to his house and
    /// hit him", cues.yaml <c>wanting_to_hurt_them</c>).</summary>
    WantingToHurtThem,

    /// <summary>What makes <see cref="WantingToHurtThem"/> someone else's wish ("my son says he wants to kill him").</summary>
    WantingToHurtThemUnless,

    /// <summary>The message asks whether the writer has to see the person who abused them at a family event ("Do I have to
    /// go at Christmas?", cues.yaml <c>seeing_them</c>).</summary>
    SeeingThem,

    /// <summary>The message asks about telling a parent or relative ("Should I tell her now, before Christmas?", cues.yaml
    /// <c>telling_family</c>).</summary>
    TellingFamily,

    /// <summary>Someone whose relative was arrested asks whether to tell the children's school ("should we tell the school? he
    /// used to collect them", cues.yaml <c>telling_the_school</c>).</summary>
    TellingTheSchool,

    /// <summary>The message speaks of children near the person, or of a threat now, beside a survivor's own past ("he still
    /// babysits my little cousins", cues.yaml <c>risk_beside_the_past</c>).</summary>
    RiskBesideThePast,

    /// <summary>The message asks what to write down ("what exactly should i write down", cues.yaml <c>writing_it_down</c>).</summary>
    WritingItDown,

    /// <summary>A young person says they looked at images, not only thought of it ("i didnt just think it i looked at them",
    /// cues.yaml <c>own_viewing</c>).</summary>
    OwnViewing,

    /// <summary>A young person says they hate themselves ("i hate myself for this idk what to do anymore", cues.yaml
    /// <c>self_hatred</c>).</summary>
    SelfHatred,

    /// <summary>One who shared or holds someone else's picture asks whether to delete it ("do i actually have to delete them?",
    /// cues.yaml <c>asks_deleting</c>).</summary>
    AsksDeleting,

    /// <summary>One who holds someone else's picture is pushed by friends to pass it on ("my friends keep pushing me to send
    /// them her pics", cues.yaml <c>friends_asking</c>).</summary>
    FriendsAsking,

    /// <summary>Someone worried about another adult asks whether it is grooming ("Is that grooming??", cues.yaml
    /// <c>asks_grooming</c>).</summary>
    AsksGrooming,

    /// <summary>Someone with unwanted thoughts of harming a child says they are not sexual, or names OCD ("my thoughts arent
    /// sexual theyre about hurting her", cues.yaml <c>not_sexual_thoughts</c>).</summary>
    NotSexualThoughts,

    /// <summary>A partner or relative asks for a support group or a counsellor for themselves ("an actual support group, other
    /// women whos husbands did this", cues.yaml <c>support_group</c>).</summary>
    SupportGroup,

    /// <summary>The message speaks of a club, team, school or group, or of contact online (cues.yaml
    /// <c>organisation_or_online</c>).</summary>
    OrganisationOrOnline,

    /// <summary>The message asks about treatment ("can this kind of ocd thing actually be treated?", cues.yaml
    /// <c>asks_treatment</c>).</summary>
    AsksTreatment,

    /// <summary>A young person asks whether a helpline would call the police on the person ("if i tell childline will they
    /// call the police on him??", cues.yaml <c>helpline_passes_on</c>).</summary>
    HelplinePassesOn,

    /// <summary>The message asks to write to a line instead of calling ("can i just text that number instead of calling?",
    /// cues.yaml <c>asks_writing</c>).</summary>
    AsksWriting,

    /// <summary>An adult, or payment, in a request for someone's pictures ("some older guy on discord ... keeps asking me for her
    /// pics, he says hell pay me", cues.yaml <c>adult_asking</c>).</summary>
    AdultAsking,

    /// <summary>A parent asks whether to send the child back where the person is ("should i send her back tomorrow?", cues.yaml
    /// <c>sending_them_back</c>).</summary>
    SendingThemBack,

    /// <summary>Someone whose friend or relative spoke of suicide asks whether to tell anyone, having been asked not to ("he said
    /// not to tell anyone tho. should i tell my mum or his parents??", cues.yaml <c>keeping_their_secret</c>).</summary>
    KeepingTheirSecret,

    /// <summary>A parent asks how to talk to their child about it ("how should I speak to her about it?", cues.yaml
    /// <c>talking_to_the_child</c>).</summary>
    TalkingToTheChild,

    /// <summary>The message speaks of pictures, messages or the child's devices and apps (cues.yaml
    /// <c>pictures_or_online</c>).</summary>
    PicturesOrOnline,

    /// <summary>A professional asks whether the school may keep a child from the person who comes to collect them ("am i even
    /// allowed to keep her at school if he shows up", cues.yaml <c>keeping_the_child</c>).</summary>
    KeepingTheChild,

    /// <summary>A professional asks whether to tell the child's parent ("should i call her mom?", cues.yaml
    /// <c>telling_the_parent</c>).</summary>
    TellingTheParent,

    /// <summary>Someone worried about another adult says that adult looks after children in the family ("he babysits my sisters
    /// girls every weekend", cues.yaml <c>minding_the_children</c>).</summary>
    MindingTheChildren,

    /// <summary>Someone worried about their own thoughts works with children ("i work as a nanny. should i quit my job?",
    /// cues.yaml <c>works_with_children</c>).</summary>
    WorksWithChildren,

    /// <summary>The message asks whether help is for women too (cues.yaml <c>about_women</c>).</summary>
    AboutWomen,

    /// <summary>Someone says the police took their own devices or they are on bail, or asks what happens next (cues.yaml
    /// <c>arrested_myself</c>).</summary>
    ArrestedMyself,

    /// <summary>A child harmed or at risk at home now, beside a parent's question about their own child (cues.yaml
    /// <c>harm_at_home</c>): rules out the replies on what the child is and what will happen to him.</summary>
    HarmAtHome,

    /// <summary>The other parent is a danger (cues.yaml <c>danger_from_them</c>): rules out the reply on telling them.</summary>
    DangerFromThem,

    /// <summary>The person a child named is due to visit ("hes meant to come for sunday lunch", cues.yaml
    /// <c>visit_coming</c>).</summary>
    VisitComing,

    /// <summary>The person a child named lives with them and is coming home ("do i leave the house with her or stay", cues.yaml
    /// <c>home_soon</c>).</summary>
    HomeSoon,
    /// <summary>A parent asks whether their child's other parent should know ("do i tell his dad? were divorced", cues.yaml
    /// <c>telling_the_other_parent</c>).</summary>
    TellingTheOtherParent,

    /// <summary>A parent asks whether what their child did makes the child a paedophile ("is my son a pedophile??", cues.yaml
    /// <c>child_a_paedophile</c>).</summary>
    ChildAPaedophile,

    /// <summary>The parent of a child who looked at images asks whether the child will be arrested or charged ("can a 12 year
    /// old be charged for having that on his phone", cues.yaml <c>child_charged</c>).</summary>
    ChildCharged,

    /// <summary>A parent asks whether the line they were given is open now ("is the stop it now number open right now? its
    /// almost midnight", cues.yaml <c>line_open_now</c>).</summary>
    LineOpenNow,

    /// <summary>The message asks whether the person will learn who called ("will he find out it was me that rang", cues.yaml
    /// <c>known_as_caller</c>).</summary>
    KnownAsCaller,

    /// <summary>The message asks what happens to the child, or whether anyone will say ("will anyone let me know if the little
    /// one is ok", cues.yaml <c>childs_outcome</c>).</summary>
    ChildsOutcome,

    /// <summary>The message asks what a teacher would do if told ("if i tell a teacher will they call the police on him??",
    /// cues.yaml <c>telling_a_teacher</c>).</summary>
    TellingATeacher,

    /// <summary>The message asks about an adult member of staff in the images ("and the teacher? shes 26 ... can she get hers
    /// removed too", cues.yaml <c>adult_staff_images</c>).</summary>
    AdultStaffImages,

    /// <summary>The message asks whether to tell a club, school or other parents ("police first or club first?", cues.yaml
    /// <c>telling_the_club</c>).</summary>
    TellingTheClub,

    /// <summary>The message asks for someone now, in the night ("who can I talk to at 2 in the morning?", cues.yaml
    /// <c>through_the_night</c>).</summary>
    ThroughTheNight,

    /// <summary>The message asks about naming someone in public ("if i post publicly that he abused me, would that
    /// help", cues.yaml `naming_publicly`).</summary>
    NamingPublicly,

    /// <summary>The message names, anywhere, an age of 16 or 17 (cues.yaml `older_minors`).</summary>
    OlderMinors,

    /// <summary>The message says what the person will do next ("ok. im going to ring my mum and then the police"):
    /// with thanks and no question, a close, unless it also says a plan that needs an answer (<see cref="CueList.PlansAnswered"/>,
    /// which the close checks first).</summary>
    Plans,

    /// <summary>The message says something the person means to do that needs an answer before they do it (cues.yaml
    /// <c>plans_answered</c>: "thanks, im going to tell him i know and make him delete them"): never a close, even when it
    /// reads as the reply just given.</summary>
    PlansAnswered,

    /// <summary>A thank-you that is not one ("great so im a criminal now. thanks for nothing"): read by <see cref="ConversationCues.SaysThanks(NormalisedText)"/>.</summary>
    SarcasticThanks,

    /// <summary>A request put as a statement ("i just need to know what to write down"): read by <see cref="ConversationCues.AsksSomething"/>.</summary>
    Asking,
}
