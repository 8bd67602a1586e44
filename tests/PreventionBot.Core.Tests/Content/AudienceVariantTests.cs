using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Tests.Content;

/// <summary>Audience variants (spec §2): the right text for the reader, the default for anyone else.</summary>
public sealed class AudienceVariantTests : IDisposable
{
    private const string Probe = """
        id: probe
        title: "A topic that exists only in this test"
        replies:
          - id: main
            text: Entry default.
            variants:
              - for: [finder]
                text: Only for finders.
            actions:
              - title: "Probe"
                goto: probe/variant-probe
          - id: variant-probe
            text: |
              Default for {country}.
            variants:
              - for: [parent-of-victim, professional]
                text: |
                  For adults looking after children in {country}. Behaviour.
                overrides:
                  US: |
                    Hand-written for the US.
              - for: [young-person]
                text: |
                  For you, in {country}.
                actions:
                  - title: "Back"
                    goto: welcome
        """;

    private readonly DialogsCopy _dialogs = new();

    [Fact]
    public void Every_shipped_role_id_round_trips()
    {
        foreach (var role in Enum.GetValues<SpeakerRole>().Where(r => r != SpeakerRole.Unknown))
        {
            Assert.True(SpeakerRoles.TryParse(role.ToId(), out var parsed));
            Assert.Equal(role, parsed);
        }

        Assert.False(SpeakerRoles.TryParse("unknown", out _));
        Assert.Equal("parent-of-victim", SpeakerRole.ParentOfVictim.ToId());
        Assert.True(SpeakerRole.Seeker.IsOffenderSide());
        Assert.False(SpeakerRole.Finder.IsOffenderSide());
    }

    [Fact]
    public void A_variant_is_served_to_its_roles_and_the_default_to_everyone_else()
    {
        _dialogs.Write("topics/probe.yaml", Probe);
        var content = _dialogs.Load();
        var gb = content.FindByCode("GB")!;

        Assert.StartsWith("Default for the UK", content.GetReply(gb, "probe/variant-probe").Text, StringComparison.Ordinal);
        Assert.StartsWith("Default for the UK", content.GetReply(gb, "probe/variant-probe", SpeakerRole.Unknown).Text, StringComparison.Ordinal);
        Assert.StartsWith("Default for the UK", content.GetReply(gb, "probe/variant-probe", SpeakerRole.Seeker).Text, StringComparison.Ordinal);
        Assert.StartsWith("For adults looking after children in the UK", content.GetReply(gb, "probe/variant-probe", SpeakerRole.Professional).Text, StringComparison.Ordinal);
        Assert.StartsWith("For adults", content.GetReply(gb, "probe/variant-probe", SpeakerRole.ParentOfVictim).Text, StringComparison.Ordinal);

        Assert.True(content.TryGetReply(gb, "probe/variant-probe", SpeakerRole.YoungPerson, out var young));
        Assert.Equal("probe/variant-probe", young.Ref);
        Assert.Equal("#welcome", Assert.Single(young.Actions).Value);
    }

    [Fact]
    public void A_variant_inherits_the_replys_buttons_and_is_rendered_per_jurisdiction()
    {
        _dialogs.Write("topics/probe.yaml", Probe);
        var content = _dialogs.Load();
        var ca = content.FindByCode("CA")!;
        var us = content.FindByCode("US")!;

        var forProfessional = content.GetReply(ca, "probe/variant-probe", SpeakerRole.Professional);
        Assert.Contains("in Canada", forProfessional.Text, StringComparison.Ordinal);
        Assert.Equal(content.GetReply(ca, "probe/variant-probe").Actions, forProfessional.Actions);
        Assert.Equal("Hand-written for the US.", content.GetReply(us, "probe/variant-probe", SpeakerRole.Professional).Text);
    }

    [Fact]
    public void An_entry_reference_finds_the_variant_of_the_entry_reply()
    {
        _dialogs.Write("topics/probe.yaml", Probe);
        var content = _dialogs.Load();

        Assert.Equal("Only for finders.", content.GetReply(content.International, "probe", SpeakerRole.Finder).Text);
    }

    [Theory]
    [InlineData("- for: [young-person]", "- for: [teenager]", "'teenager' is not a role id")]
    [InlineData("- for: [young-person]", "- for: [professional]", "'professional' is already in another variant")]
    [InlineData("goto: welcome", "goto: welcome/nowhere", "leads nowhere")]
    [InlineData("- for: [young-person]", "- for: []", "needs at least one role id")]
    public void A_broken_variant_is_a_named_problem(string find, string replace, string expected)
    {
        _dialogs.Write("topics/probe.yaml", Probe.Replace(find, replace, StringComparison.Ordinal));

        var problems = _dialogs.Validate();

        Assert.Contains(problems, p => p.File.EndsWith("probe.yaml", StringComparison.Ordinal)
            && p.Key.Contains("variant-probe", StringComparison.Ordinal)
            && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    public void Dispose() => _dialogs.Dispose();
}
