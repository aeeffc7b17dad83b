using System.Diagnostics;
using System.Text;
using Clv.Hosting.Telemetry;
using Confluent.Kafka;

namespace Clv.Hosting.Tests;

public sealed class KafkaTraceContextTests
{
    [Fact]
    public void InjectThenExtract_GivesTheProducersTraceAndSpan()
    {
        using var activity = new Activity("produce").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "clv=1";
        var headers = new Headers();

        KafkaTraceContext.Inject(activity, headers);
        var extracted = KafkaTraceContext.Extract(headers);

        Assert.Equal((activity.TraceId, activity.SpanId, "clv=1", true), (extracted.TraceId, extracted.SpanId, extracted.TraceState, extracted.IsRemote));
    }

    [Fact]
    public void Inject_Twice_LeavesOneTraceparentHeader()
    {
        using var activity = new Activity("produce").SetIdFormat(ActivityIdFormat.W3C).Start();
        var headers = new Headers();

        KafkaTraceContext.Inject(activity, headers);
        KafkaTraceContext.Inject(activity, headers);

        Assert.Single(headers, h => h.Key == KafkaTraceContext.TraceParentHeader);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public void Extract_MalformedTraceparent_GivesNoParent(string traceparent)
    {
        var headers = new Headers { { KafkaTraceContext.TraceParentHeader, Encoding.ASCII.GetBytes(traceparent) } };

        Assert.Equal(default, KafkaTraceContext.Extract(headers));
    }
}
