using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Tests.Content;

/// <summary>
/// Issue 8: each class of "says more than is true" is caught by validate. Every test breaks a copy of the
/// shipped dialogs/ in one way (usually by adding a probe topic) and looks for the named problem.
/// </summary>
public sealed class ContentRulesTests : IDisposable
{
    private readonly DialogsCopy _dialogs = new();

    [Theory]
    [InlineData("Call 0808 1000 900 today.", "states the number '0808 1000 900'")]
    [InlineData("Call 1-800-422-4453.", "states the number '1-800-422-4453'")]
    [InlineData("Ring 13 11 14.", "states the number '13 11 14'")]
    [InlineData("In an emergency call 999.", "states the number '999'")]
    [InlineData("Text 9-8-8.", "states the number '9-8-8'")]
    [InlineData("The Protection of Children Act 1978 says so.", "names a law")]
    [InlineData("Under 18 U.S.C. § 2256 it is a crime.", "names a law")]
    [InlineData("Section 62 covers drawings.", "names a law")]
    [InlineData("The TAKE IT DOWN Act covers this.", "names a law")]
    [InlineData("It is child pornography.", "never \"child pornography\"")]
    public void A_number_or_statute_written_into_a_reply_is_refused(string sentence, string expected)
    {
        Probe(Entry(sentence));

        Assert.Contains(_dialogs.Validate(), p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal) && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("You must be 18 or over, for up to 10 years, since 2024.")]
    [InlineData("Open 24/7 in {country}.")]
    [InlineData("Call **{crisis.name}**: {crisis.contact}.")]
    public void Ages_years_and_placeholders_are_not_mistaken_for_numbers_or_laws(string sentence)
    {
        Probe(Entry(sentence));

        Assert.DoesNotContain(_dialogs.Validate(), p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Now_or_24_7_is_refused_for_a_service_whose_hours_do_not_support_it()
    {
        Probe(Entry("Talk to someone right now: **{prevention.name}**: {prevention.contact}."));

        var problems = _dialogs.Validate();

        // Canada's prevention line keeps weekday daytime hours; the UK's has no verified hours at all.
        Assert.Contains(problems, p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal) && p.Message.Contains("in CA that is Talking for Change and its hours are", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal) && p.Message.Contains("in GB that is Stop It Now and no hours are verified", StringComparison.Ordinal));
    }

    [Fact]
    public void Now_is_fine_for_a_service_open_round_the_clock()
    {
        Probe(Entry("If a child is in danger now, **{emergency.name}**: {emergency.contact}. Self-help any time: {selfhelp.contact}."));

        Assert.DoesNotContain(_dialogs.Validate(), p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Confidential_without_the_services_own_caveat_is_refused_for_every_country()
    {
        Probe(Entry("Confidential help: **{prevention.name}**: {prevention.contact}."));

        var problems = _dialogs.Validate().Where(p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal)).ToList();

        Assert.Contains(problems, p => p.Message.Contains("does not show {prevention.confidentiality}, what Stop It Now! Australia passes on in AU", StringComparison.Ordinal));
        Assert.Equal(6, problems.Count(p => p.Message.Contains("{prevention.confidentiality}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Confidential_with_the_caveat_is_accepted_and_renders_each_countrys_rule()
    {
        Probe(Entry("Confidential help: **{prevention.name}**: {prevention.contact}. {prevention.confidentiality}"));

        Assert.DoesNotContain(_dialogs.Validate(), p => !p.IsWarning);
        var content = _dialogs.Load();
        Assert.Contains("mandatory reporters", content.GetReply(content.FindByCode("AU")!, "probe").Text, StringComparison.Ordinal);
        Assert.Contains("will pass it on", content.GetReply(content.FindByCode("GB")!, "probe").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_contact_that_says_confidential_needs_the_caveat_too()
    {
        _dialogs.Edit("jurisdictions/US.yaml", "    contact: call 1-888-773-8368 (1.888.PREVENT, toll-free)", "    contact: call 1-888-773-8368 (1.888.PREVENT, toll-free and confidential)");
        Probe(Entry("Help: **{prevention.name}**: {prevention.contact}."));

        Assert.Contains(_dialogs.Validate(), p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal) && p.Message.Contains("in US", StringComparison.Ordinal) && p.Message.Contains("confidential", StringComparison.Ordinal));
    }

    [Fact]
    public void A_young_person_is_never_sent_to_an_adults_only_service()
    {
        Probe(Entry("Default.", variant: "      - for: [young-person]\n        text: Get help from **{imageabuse.name}**: {imageabuse.contact}.\n"));

        Assert.Contains(_dialogs.Validate(), p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal)
            && p.Key == "replies[main].variants[0]"
            && p.Message.Contains("sends young-person readers to {imageabuse}, which in GB is Revenge Porn Helpline, a service for adult only", StringComparison.Ordinal));
    }

    [Fact]
    public void An_adult_survivor_is_never_sent_to_an_under_18_service_but_a_parent_may_pass_one_on()
    {
        Probe(Entry("Default.", variant: "      - for: [survivor]\n        text: Use **{removal.name}**: {removal.contact}.\n      - for: [parent-of-victim]\n        text: Share this with them, **{removal.name}**: {removal.contact}.\n"));

        var problems = _dialogs.Validate().Where(p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal)).ToList();

        var problem = Assert.Single(problems);
        Assert.Contains("sends survivor readers to {removal}, which in GB is Report Remove", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_to_someone_worried_about_themselves_carries_the_crisis_line()
    {
        Probe(Entry("Default.", variant:
            "      - for: [seeker]\n        text: This can lead to arrest in {country}.\n" +
            "      - for: [self]\n        text: This can lead to arrest. **{crisis.name}**: {crisis.contact}.\n" +
            "      - for: [finder]\n        text: Sharing it is a crime.\n"));

        var problems = _dialogs.Validate().Where(p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, problems.Count);
        Assert.All(problems, p => Assert.Equal("replies[main].variants[0]", p.Key));
        Assert.All(problems, p => Assert.Contains("no crisis line", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_first_reply_and_each_of_its_variants_has_at_most_80_words_but_deeper_replies_may_be_longer()
    {
        var long81 = string.Join(' ', Enumerable.Repeat("word", 81));
        Probe($$"""
            id: probe
            title: "Probe"
            replies:
              - id: main
                text: Short.
                variants:
                  - for: [finder]
                    text: {{long81}}
                actions:
                  - title: "More"
                    goto: probe/more
              - id: more
                text: {{long81}}
            """);

        var problems = _dialogs.Validate().Where(p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, problems.Count(p => p.Key == "replies[main].variants[0]" && p.Message.Contains("has 81 words", StringComparison.Ordinal)));
        Assert.DoesNotContain(problems, p => p.Key == "replies[more]");
    }

    [Fact]
    public void A_fact_is_cited_by_key_and_a_country_without_it_is_named()
    {
        Probe(Entry("{fact.ukcis-guidance}"));

        var problems = _dialogs.Validate().Where(p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(problems, p => p.Message.Contains("jurisdiction GB", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("refers to {fact.ukcis-guidance}, which jurisdiction US does not have", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("    applies_to: [England]\n    source:\n      - http://www.gov.uk", "    applies_to: [England]\n    sauce:\n      - http://www.gov.uk", "facts.ukcis-guidance.source")]
    [InlineData("    applies_to: [England]\n", "", "facts.ukcis-guidance.applies_to")]
    public void A_fact_without_a_source_or_a_place_is_refused(string find, string replace, string key)
    {
        _dialogs.Edit("jurisdictions/GB.yaml", find, replace);

        Assert.Contains(_dialogs.Validate(), p => p.File.EndsWith("GB.yaml", StringComparison.Ordinal) && p.Key == key && !p.IsWarning);
    }

    [Fact]
    public void A_fact_not_checked_for_a_year_is_a_warning_that_does_not_stop_the_bot()
    {
        _dialogs.Edit("jurisdictions/GB.yaml", "    applies_to: [England]\n    source:", "    applies_to: [England]\n    verified: 2020-01-01\n    source:");
        _dialogs.Edit("jurisdictions/GB.yaml", "      - https://www.tes.com/magazine/leadership/compliance/nude-images-artificial-intelligence-risks-safeguarding-guidance\n    verified: 2026-11-30\n", "      - https://www.tes.com/magazine/leadership/compliance/nude-images-artificial-intelligence-risks-safeguarding-guidance\n");

        var problems = _dialogs.Validate();

        var stale = Assert.Single(problems, p => p.Key == "facts.ukcis-guidance.verified");
        Assert.True(stale.IsWarning);
        Assert.Contains("over 12 months ago", stale.ToString(), StringComparison.Ordinal);
        _dialogs.Load();
    }

    [Fact]
    public void A_verified_date_is_judged_against_the_clock_it_is_given()
    {
        var later = new FixedClock(new DateTimeOffset(2028, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var problems = ContentLoader.Validate(_dialogs.Path, later);

        Assert.Contains(problems, p => p.IsWarning && p.Key == "services.samaritans.verified" && p.File.EndsWith("GB.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => !p.IsWarning);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("    audience: kids\n", "must be one of")]
    public void Every_service_says_who_it_is_for(string audienceLine, string expected)
    {
        const string Childhelp = "  childhelp:\n    name: Childhelp National Child Abuse Hotline\n";
        _dialogs.Edit("jurisdictions/US.yaml", Childhelp + "    audience: all\n", Childhelp + audienceLine);

        Assert.Contains(_dialogs.Validate(), p => p.Key == "services.childhelp.audience" && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_prevention_line_must_say_what_it_passes_on()
    {
        _dialogs.Edit("jurisdictions/CA.yaml", "    confidentiality: The helpline is anonymous", "    note: The helpline is anonymous");

        Assert.Contains(_dialogs.Validate(), p => p.File.EndsWith("CA.yaml", StringComparison.Ordinal) && p.Key == "services.talking-for-change.confidentiality");
    }

    [Fact]
    public void A_law_must_say_where_it_applies()
    {
        _dialogs.Edit("jurisdictions/AU.yaml", "    scope: In Australia\n", string.Empty);

        Assert.Contains(_dialogs.Validate(), p => p.File.EndsWith("AU.yaml", StringComparison.Ordinal) && p.Key.EndsWith(".scope", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_mistake_is_listed_in_one_run_not_only_the_first()
    {
        _dialogs.Edit("topics/privacy.yaml", "replies:", "replys:");                          // a YAML error
        _dialogs.Edit("jurisdictions/IE.yaml", "    source: https://www2.hse.ie", "    sauce: https://www2.hse.ie"); // a fact without a source
        Probe(Entry("Call 999.", variant: "      - for: [teenager]\n        text: Hi.\n"));  // a number and an unknown role
        _dialogs.Edit("topics/law.yaml", "goto: law/tools", "goto: law/nowhere");             // a dangling button

        var problems = _dialogs.Validate();

        Assert.Contains(problems, p => p.File.EndsWith("privacy.yaml", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File.EndsWith("IE.yaml", StringComparison.Ordinal) && p.Key.EndsWith(".source", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal) && p.Message.Contains("'999'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal) && p.Message.Contains("'teenager'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File.EndsWith("law.yaml", StringComparison.Ordinal) && p.Message.Contains("leads nowhere", StringComparison.Ordinal));
        var thrown = Assert.Throws<ContentException>(() => _dialogs.Load());
        Assert.Equal(problems.Count(p => !p.IsWarning), thrown.Problems.Count);
    }

    [Fact]
    public void Canada_has_its_own_spelling_not_the_US_one()
    {
        Probe(Entry("We recognise that behaviour can change, and the programme is free of judgement."));

        var content = _dialogs.Load();

        Assert.Equal("We recognize that behaviour can change, and the program is free of judgment.", content.GetReply(content.FindByCode("CA")!, "probe").Text);
        Assert.Equal("We recognize that behavior can change, and the program is free of judgment.", content.GetReply(content.FindByCode("US")!, "probe").Text);
        Assert.Equal("We recognise that behaviour can change, and the programme is free of judgement.", content.GetReply(content.FindByCode("AU")!, "probe").Text);
    }

    [Fact]
    public void A_variant_reply_keeps_its_reference_for_state_and_buttons()
    {
        Probe(Entry("Default.", variant: "      - for: [young-person]\n        text: For you.\n"));

        var content = _dialogs.Load();
        var reply = content.GetReply(content.International, "probe", SpeakerRole.YoungPerson);

        Assert.Equal("probe/main", reply.Ref);
        Assert.Equal("For you.", reply.Text);
    }

    public void Dispose() => _dialogs.Dispose();

    private static string Entry(string text, string? variant = null) => $$"""
        id: probe
        title: "Probe"
        replies:
          - id: main
            text: "{{text.Replace("\"", "\\\"", StringComparison.Ordinal)}}"
        {{(variant is null ? string.Empty : "    variants:\n" + variant)}}
        """;

    private void Probe(string yaml) => _dialogs.Write("topics/probe.yaml", yaml);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
