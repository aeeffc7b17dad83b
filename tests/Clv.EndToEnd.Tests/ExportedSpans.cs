using System.Collections.ObjectModel;
using System.Diagnostics;

namespace Clv.EndToEnd.Tests;

/// <summary>The in-memory exporter's target: spans arrive on the pipeline's threads while the test reads them.</summary>
public sealed class ExportedSpans : Collection<Activity>
{
    private readonly Lock _gate = new();

    public Activity? Find(string name)
    {
        lock (_gate)
        {
            foreach (var span in this)
            {
                if (span.DisplayName == name)
                {
                    return span;
                }
            }
            return null;
        }
    }

    public string Names()
    {
        lock (_gate)
        {
            return string.Join(", ", this.Select(span => span.DisplayName));
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
