using System.Text;

namespace Stoffel.Debugger.Engine;

/// <summary>A <see cref="TextWriter"/> for the VM's <c>Output</c> that turns each written line into an <see cref="OutputEvent"/>.</summary>
public sealed class DebugOutputWriter : TextWriter
{
    private readonly Action<OutputEvent> _publish;
    private readonly string _category;
    private readonly StringBuilder _pending = new();

    /// <summary>Creates a writer that publishes through <paramref name="publish"/>.</summary>
    public DebugOutputWriter(Action<OutputEvent> publish, string category = "stdout")
    {
        _publish = publish;
        _category = category;
    }

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_pending)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                FlushPending();
            }
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        lock (_pending)
        {
            _pending.Append(value);
            if (value.Contains('\n'))
            {
                FlushPending();
            }
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_pending)
        {
            FlushPending();
        }
    }

    private void FlushPending()
    {
        if (_pending.Length > 0)
        {
            _publish(new OutputEvent(_category, _pending.ToString()));
            _pending.Clear();
        }
    }
}
