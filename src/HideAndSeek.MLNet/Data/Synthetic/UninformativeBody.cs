namespace HideAndSeek.Data.Synthetic;

/// <summary>What the body of an object looks like when it does not carry its class's texture (see
/// <see cref="SyntheticWsolOptions.BodyInformativeness"/>).</summary>
public enum UninformativeBody
{
    /// <summary>
    /// A random texture (the default): orientation, stripe period and hue drawn uniformly, independently of the class,
    /// the class's own included. The body then carries no information either way, and a classifier gains by using it
    /// whenever it is informative, which gives CAM a learnable extent.
    /// </summary>
    Random = 0,

    /// <summary>
    /// Adversarial: the texture of another class, drawn uniformly among the others. Such a body is evidence against
    /// the true class, so a classifier learns to ignore bodies and its CAM stays on the head whatever hiding does
    /// (the generator's behaviour before the Random default).
    /// </summary>
    OtherClass = 1,
}
