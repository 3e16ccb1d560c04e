namespace HideAndSeek.Ranking;

/// <summary>The ranking of classes by score shared by the localiser and the evaluation (ties: lower index first).</summary>
internal static class ClassRanking
{
    /// <summary>Writes the indices of the <paramref name="top"/>.Length best scores, best first.</summary>
    public static void Top(ReadOnlySpan<float> scores, Span<int> top)
    {
        int k = Math.Min(top.Length, scores.Length);
        for (int i = 0; i < k; i++)
            top[i] = -1;
        for (int c = 0; c < scores.Length; c++)
        {
            // Insert c if it beats the current k-th entry; strict comparison keeps the lower index first on ties.
            int position = k;
            while (position > 0 && (top[position - 1] < 0 || scores[c] > scores[top[position - 1]]))
                position--;
            if (position >= k)
                continue;
            for (int j = k - 1; j > position; j--)
                top[j] = top[j - 1];
            top[position] = c;
        }
    }

    /// <summary>The best class; ties go to the lowest index.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
                best = i;
        }
        return best;
    }
}
