package quire.plugin.embeddings.onnx.testing;

import java.util.ArrayList;
import java.util.List;

/** Hand-written question/passage pairs and distractors for {@link OnnxEmbedderBenchmark}. */
final class BenchmarkCorpus {
    /** A question and the passage that answers it. */
    record Pair(String question, String passage) {
    }

    static final List<Pair> PAIRS = List.of(
            new Pair("How do I reset my password?",
                    "To change your account password, open Settings, choose Security and click 'Reset password'. A link is sent to your email."),
            new Pair("What is the capital of Australia?",
                    "Canberra was chosen as Australia's capital in 1908 as a compromise between Sydney and Melbourne."),
            new Pair("How long should I boil an egg for a runny yolk?",
                    "For a soft-boiled egg with a liquid centre, simmer it for about six minutes, then cool it in cold water."),
            new Pair("Why is the sky blue?",
                    "Sunlight is scattered by air molecules, and shorter blue wavelengths scatter much more than red ones (Rayleigh scattering)."),
            new Pair("How can I speed up a slow SQL query?",
                    "Add an index on the columns used in WHERE and JOIN clauses, and check the execution plan with EXPLAIN."),
            new Pair("When did the Second World War end?",
                    "The war in Europe ended in May 1945 and Japan formally surrendered on 2 September 1945."),
            new Pair("What causes tides in the ocean?",
                    "Tides are produced mainly by the Moon's gravitational pull on the Earth's oceans, with a smaller effect from the Sun."),
            new Pair("How do I water a cactus?",
                    "Succulents such as cacti need deep but infrequent watering: soak the soil, then let it dry completely before the next watering."),
            new Pair("Which programming language runs in web browsers?",
                    "JavaScript is the scripting language built into every major web browser and powers interactive web pages."),
            new Pair("How do vaccines protect against disease?",
                    "A vaccine trains the immune system to recognise a pathogen so that antibodies are ready before a real infection."),
            new Pair("What is the boiling point of water at sea level?",
                    "At standard atmospheric pressure water boils at 100 degrees Celsius, or 212 degrees Fahrenheit."),
            new Pair("How do I cancel my subscription?",
                    "You can end your plan at any time from the Billing page; the service stays active until the end of the paid period."),
            new Pair("Who painted the Mona Lisa?",
                    "Leonardo da Vinci painted the portrait of Lisa Gherardini in the early sixteenth century; it hangs in the Louvre."),
            new Pair("What does a mitochondrion do?",
                    "Mitochondria are the organelles that produce most of a cell's energy in the form of ATP through respiration."),
            new Pair("How can I improve my sleep?",
                    "Keep a regular bedtime, avoid caffeine in the afternoon and keep screens out of the bedroom to fall asleep more easily."),
            new Pair("What is the fastest land animal?",
                    "The cheetah can sprint at up to about 110 kilometres per hour over short distances."),
            new Pair("How do solar panels generate electricity?",
                    "Photovoltaic cells convert sunlight directly into electric current using semiconductor materials such as silicon."),
            new Pair("What is the difference between a virus and a bacterium?",
                    "Bacteria are living single-celled organisms, while viruses are much smaller and can only reproduce inside a host cell."),
            new Pair("How do I make my git commit undo?",
                    "Use 'git revert' to create a new commit that reverses an earlier one, or 'git reset' to move the branch back."),
            new Pair("How many players are on a football team?",
                    "A soccer side fields eleven players, including the goalkeeper, during a match."));

    static final List<String> DISTRACTORS = List.of(
            "The cat sat on the mat and watched the birds outside.",
            "Our office is closed on public holidays and reopens the next working day.",
            "The recipe calls for two cups of flour, one egg and a pinch of salt.",
            "Mount Everest is the highest mountain above sea level.",
            "The train to Paris departs every hour from platform nine.",
            "Quarterly revenue grew by twelve percent compared with last year.",
            "The museum offers free entry on the first Sunday of each month.",
            "Bananas are rich in potassium and make a quick snack.",
            "The new library building has three floors and a rooftop garden.",
            "Wolves live and hunt in packs led by a dominant pair.",
            "The conference will take place in Lisbon next October.",
            "Electric cars are charged at home or at public charging stations.",
            "The violin has four strings tuned in perfect fifths.",
            "Jupiter is the largest planet in the solar system.",
            "Please submit your expense reports before the end of the month.",
            "The river flooded the valley after a week of heavy rain.",
            "A haiku is a short poem of three lines with five, seven and five syllables.",
            "The bakery on the corner sells fresh sourdough every morning.",
            "Chess players must touch-move: a touched piece has to be moved.",
            "The firmware update improves battery life on older devices.",
            "Honey never spoils if it is stored in a sealed container.",
            "The marathon route passes through the old town and along the river.",
            "Printers in the second floor hallway need new toner.",
            "Owls can rotate their heads by up to 270 degrees.",
            "The company picnic was moved indoors because of the storm.",
            "Glass is made by melting sand, soda ash and limestone.",
            "The hotel offers a free shuttle to the airport.",
            "Penguins are flightless birds that live mostly in the Southern Hemisphere.",
            "The meeting notes are shared in the team folder after each call.",
            "Copper is an excellent conductor of heat and electricity.",
            // hard negatives: same topic as a question, but no answer to it
            "Passwords must be at least twelve characters long and may not reuse your last three passwords.",
            "Sydney is Australia's largest city and is famous for its harbour and opera house.",
            "Eggs are a good source of protein and contain vitamins B12 and D.",
            "At sunset the sky often turns orange and red over the sea.",
            "SQL databases store data in tables made of rows and columns.",
            "The First World War began in 1914 after the assassination of Archduke Franz Ferdinand.",
            "Surfers check the wave forecast before heading to the beach.",
            "Cacti are native to the Americas and grow in deserts.",
            "Java and JavaScript are different languages despite their similar names.",
            "Flu season usually peaks in the winter months.",
            "Subscriptions renew automatically every month unless you change the billing date.",
            "The Louvre in Paris is the world's most visited art museum.",
            "Git is a distributed version control system created by Linus Torvalds.",
            "Football fans filled the stadium for the cup final.");

    /** @return {@code count} real-ish sentences for throughput runs, varied so none repeats */
    static List<String> throughputTexts(int count) {
        List<String> pool = new ArrayList<>();
        for (Pair pair : PAIRS) {
            pool.add(pair.passage());
            pool.add(pair.question());
        }
        pool.addAll(DISTRACTORS);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String base = pool.get(i % pool.size());
            // every third text is longer, like a real chunk made of several sentences
            out.add(i % 3 == 0 ? base + " " + pool.get((i * 7 + 3) % pool.size()) + " " + pool.get((i * 11 + 5) % pool.size())
                    : "Note " + i + ": " + base);
        }
        return out;
    }

    private BenchmarkCorpus() {
    }
}
