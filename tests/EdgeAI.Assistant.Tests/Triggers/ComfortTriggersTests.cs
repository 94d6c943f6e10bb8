using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Triggers;

/// <summary>The demister and pre-conditioning hints.</summary>
public class ComfortTriggersTests
{
    private static (ScriptedDrive Drive, DemisterTrigger Trigger) Wiping()
    {
        var trigger = new DemisterTrigger();
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Send(ContextKeys.Wipers, 2);
        drive.Send(DemisterTrigger.Defroster, false);
        return (drive, trigger);
    }

    [Fact]
    public void Demister_ColdScreen_AsksToTurnItOn()
    {
        var (drive, _) = Wiping();
        drive.Send(DemisterTrigger.WindscreenTemperature, 3.4);
        var s = drive.RunUntil("suggestion", 30)!.Suggestion!;
        Assert.Equal("comfort.demister_cold", s.Proposal.Template);
        Assert.Equal("Windscreen at 3 °C: turn on the demister?", s.Text);
        Assert.Equal("wipers on, screen_c 3 °C, defroster off", s.Reason);
    }

    [Fact]
    public void Demister_HumidCabin_AsksToTurnItOn()
    {
        var (drive, trigger) = Wiping();
        drive.Send(DemisterTrigger.Humidity, 81);
        var p = trigger.Evaluate(drive.Moment)!;
        Assert.Equal("comfort.demister_humid", p.Template);
        Assert.Equal("81 %", p.Fact("humidity")!.Shown);
        Assert.Equal(DemisterTrigger.Humidity, p.Fact("humidity")!.Source);
    }

    [Fact]
    public void Demister_ScreenAndHumidityKnown_BothInTheWords()
    {
        var (drive, trigger) = Wiping();
        drive.Send(DemisterTrigger.WindscreenTemperature, 12);
        drive.Send(DemisterTrigger.Humidity, 85);
        var p = trigger.Evaluate(drive.Moment)!;
        Assert.Equal("comfort.demister", p.Template);
        Assert.Equal("Windscreen 12 °C, cabin 85 % humid: turn on the demister?", Templates.English.Render(p.Template, p.Facts, moving: true));
    }

    [Fact]
    public void Demister_NoHumidityOnCan_TheCabinSensorsIsUsed_AndNamedAsTheSource()
    {
        var (drive, trigger) = Wiping();
        drive.Send(ContextKeys.SensorCabinHumidity, 80);
        var p = trigger.Evaluate(drive.Moment)!;
        Assert.Equal("comfort.demister_humid", p.Template);
        Assert.Equal("80 %", p.Fact("humidity")!.Shown);
        Assert.Equal(ContextKeys.SensorCabinHumidity, p.Fact("humidity")!.Source);
    }

    [Fact]
    public void Demister_ScreenHysteresis_OnBelowFive_OffAboveSeven()
    {
        var (drive, trigger) = Wiping();
        double[] screens = [6, 4.9, 6, 7, 7.1, 6, 4.9];
        bool[] on = [false, true, true, true, false, false, true];
        for (int i = 0; i < screens.Length; i++)
        {
            drive.Send(DemisterTrigger.WindscreenTemperature, screens[i]);
            Assert.True(on[i] == trigger.Evaluate(drive.Moment) is not null, $"screen {screens[i]} °C (step {i}): expected {(on[i] ? "on" : "off")}");
        }
    }

    [Fact]
    public void Demister_HumidityHysteresis_OnAboveSeventyFive_OffBelowSeventy()
    {
        var (drive, trigger) = Wiping();
        double[] humidities = [74, 75.5, 72, 70, 69.5, 74, 76];
        bool[] on = [false, true, true, true, false, false, true];
        for (int i = 0; i < humidities.Length; i++)
        {
            drive.Send(DemisterTrigger.Humidity, humidities[i]);
            Assert.True(on[i] == trigger.Evaluate(drive.Moment) is not null, $"humidity {humidities[i]} % (step {i}): expected {(on[i] ? "on" : "off")}");
        }
    }

    [Fact]
    public void Demister_WipersOffOrDefrosterOn_Nothing_AndTheHysteresisStartsOver()
    {
        var (drive, trigger) = Wiping();
        drive.Send(DemisterTrigger.WindscreenTemperature, 3);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
        drive.Send(DemisterTrigger.Defroster, true);
        Assert.Null(trigger.Evaluate(drive.Moment));
        drive.Send(DemisterTrigger.Defroster, false);
        drive.Send(DemisterTrigger.WindscreenTemperature, 6); // between the thresholds, after an off
        Assert.Null(trigger.Evaluate(drive.Moment));

        drive.Send(DemisterTrigger.WindscreenTemperature, 3);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
        drive.Send(ContextKeys.Wipers, 0);
        Assert.Null(trigger.Evaluate(drive.Moment));
        drive.Send(ContextKeys.Wipers, 2);
        drive.Send(DemisterTrigger.WindscreenTemperature, 6);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    private static (ScriptedDrive Drive, PreconditionTrigger Trigger) TripStart(double cabinC)
    {
        var trigger = new PreconditionTrigger();
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        drive.Send(ContextKeys.CabinTemperature, cabinC);
        drive.Send(ContextKeys.TripDuration, 0);
        drive.BeforeTick = d => d.Send(ContextKeys.TripDuration, d.T);
        return (drive, trigger);
    }

    [Theory]
    [InlineData(35, "comfort.precondition_hot", "The cabin was 35 °C at the start. Cool it before the next trip?")]
    [InlineData(30.5, "comfort.precondition_hot", "The cabin was 31 °C at the start. Cool it before the next trip?")]
    [InlineData(9.4, "comfort.precondition_cold", "The cabin was 9 °C at the start. Warm it before the next trip?")]
    [InlineData(-4, "comfort.precondition_cold", "The cabin was -4 °C at the start. Warm it before the next trip?")]
    [InlineData(30, null, null)]
    [InlineData(10, null, null)]
    [InlineData(21, null, null)]
    public void Precondition_VeryHotOrColdAtTheStart_SuggestsItForNextTime(double cabinC, string? template, string? text)
    {
        var (drive, _) = TripStart(cabinC);
        drive.RunTo(30);
        if (template is null)
        {
            Assert.Empty(drive.Events);
            return;
        }
        var s = Assert.Single(drive.Events).Suggestion!;
        Assert.Equal(template, s.Proposal.Template);
        Assert.Equal(text, s.Text);
    }

    [Fact]
    public void Precondition_TheCabinCoolingDown_TheStartTemperatureIsKept_WithTheOutsideTemperature()
    {
        var (drive, trigger) = TripStart(36);
        drive.Send(ContextKeys.OutsideTemperature, 28);
        drive.RunTo(20);
        drive.Send(ContextKeys.CabinTemperature, 24);
        var p = trigger.Evaluate(drive.Moment)!;
        Assert.Equal("36 °C", p.Fact("cabin_c")!.Shown);
        Assert.Equal("28 °C", p.Fact("outside_c")!.Shown);
        Assert.Equal("cabin at 36 °C when the trip began", p.Reason);
    }

    [Fact]
    public void Precondition_AfterTheFirstThreeMinutes_Nothing()
    {
        var (drive, trigger) = TripStart(35);
        drive.RunTo(PreconditionTrigger.WithinS);
        Assert.NotNull(trigger.Evaluate(drive.Moment));
        drive.Step();
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void Precondition_StaleAtTheStart_TheFirstValidReadingCounts()
    {
        var (drive, trigger) = TripStart(35);
        drive.SetStale(ContextKeys.CabinTemperature, 35);
        drive.RunTo(20);
        Assert.Empty(drive.Events);
        drive.Send(ContextKeys.CabinTemperature, 22);
        drive.RunTo(60);
        Assert.Empty(drive.Events);
        Assert.Null(trigger.Evaluate(drive.Moment));
    }

    [Fact]
    public void Precondition_TripDurationNeverSeen_Nothing()
    {
        var (drive, _) = TripStart(35);
        drive.BeforeTick = null;
        drive.Forget(ContextKeys.TripDuration);
        drive.RunTo(30);
        Assert.Empty(drive.Events);
    }
}
