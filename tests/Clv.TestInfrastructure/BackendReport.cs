using Xunit.Abstractions;
using Xunit.Sdk;

namespace Clv.TestInfrastructure;

/// <summary>
/// Says in the test output which backend a fixture chose. The xunit diagnostic message is what
/// the runner prints (needs <c>diagnosticMessages: true</c> in xunit.runner.json, which
/// Clv.TestInfrastructure ships to every test project that references it).
/// </summary>
public static class BackendReport
{
    public static void Chosen(IMessageSink sink, string service, string backend) =>
        sink.OnMessage(new DiagnosticMessage($"[clv-test-infra] {service}: {backend}"));
}
